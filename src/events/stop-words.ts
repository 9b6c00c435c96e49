// Function words of the four languages the coverage is mostly written in, plus
// the furniture of blog pages ("posted", "comments", "http"), which says
// nothing about an event. Lower case, without diacritics (terms are folded).

const ENGLISH = `a about above after again against all also am an and any are aren as at be because been before being
below between both but by can cannot could couldn did didn do does doesn doing don down during each even ever every
few for from further get gets got had hadn has hasn have haven having he her here hers herself him himself his how however
i if in into is isn it its itself just let ll me might more most much must mustn my myself no nor not now of off
often on once one only or other ought our ours ourselves out over own quite rather re really same shall shan she should
shouldn since so some such than that the their theirs them themselves then there these they this those though through
thus to too under until up upon us very via was wasn we were weren what when where whether which while who whom whose
why will with within without won would wouldn yet you your yours yourself yourselves ve isn't it's don't
another anyone anything around back best better did else enough etc many may maybe much next new nothing several
something still take thing things think two way ways well went yes`

const GERMAN = `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus
bei bin bis bist da damit dann das dass dasselbe dazu dein deine deinem deinen deiner dem den denn der des dessen
deshalb die dies diese dieselbe diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines einig
einige einigem einigen einiger einiges einmal er es etwas euch euer eure eurem euren eurer fur gegen gewesen hab habe
haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede
jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines konnen konnte
machen man manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich mir mit muss musste nach
nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche
solchem solchen solcher solches soll sollte sondern sonst uber um und uns unser unsere unserem unseren unserer unter
viel vom von vor wahrend war waren warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden
wie wieder will wir wird wirst wo wollen wollte wurde wurden zu zum zur zwar zwischen`

const FRENCH = `au aux avec ce ces cette celle celles celui ceux dans de des du elle elles en et eux il ils je la le les
leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes
toi ton tu un une vos votre vous c d j l m n s t y ete etee etees etes etant suis es est sommes etes sont serai sera
serons seront serais serait serions seraient etais etait etions etaient fus fut ai as avons avez ont aurai aura aurons
auront aurais aurait aurions auraient avais avait avions avaient eu eue eus aussi alors donc ainsi comme tout tous
toute toutes tres plus moins sans sous chez entre depuis pendant apres avant encore deja bien fait faire peut cela ca
ici la quand comment pourquoi dont lequel laquelle lesquels`

const SPANISH = `al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas
ellos en entre era erais eran eras eres es esa esas ese eso esos esta estaba estado estais estamos estan estar estas
este esto estos estoy fue fueron fui fuimos ha habeis haber habia habian han has hasta hay la las le les lo los mas me
mi mis mucho muchos muy nada ni no nos nosotras nosotros nuestra nuestras nuestro nuestros o os otra otras otro otros
para pero poco por porque que quien quienes se sea sean ser si sido siempre sin sobre sois solo somos son soy su sus
suya suyas suyo suyos tambien tanto te tenemos tener tengo ti tiene tienen todo todos tu tus un una uno unos usted
ustedes vosotras vosotros y ya yo`

// Words every blog page carries around its content.
const WEB = `blog blogs post posts posted posting comment comments reply replies link links http https www com org net html
htm php read more click here home page pages via permalink share tweet twitter facebook email subscribe rss feed
feeds atom today yesterday week weeks year years day days time am pm jan feb mar apr may jun jul aug sep sept oct nov
dec january february march april june july august september october november december monday tuesday wednesday
thursday friday saturday sunday said says say like just know going make made see look`

function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean)
}

/** Stop words in English, German, French and Spanish, and web-page furniture. */
export const STOP_WORDS: ReadonlySet<string> = new Set([...words(ENGLISH), ...words(GERMAN), ...words(FRENCH), ...words(SPANISH), ...words(WEB)])
